import type { FdoExample } from './types';

export const topicList: FdoExample = {
  id: 'topic-list',
  title: 'Message board topics',
  description: 'A list of board topics with Read, List All and Create Topic buttons.',
  source: `uni_start_stream <00x>
  man_start_object <ind_group, "Gardening Boards">
    mat_orientation <vff>
    mat_position <center_center>
    man_start_object <dss_list, "Topics">
      mat_size <40, 10, 0>
      mat_relative_tag <1>
      mat_bool_default_send <yes>
      man_append_data <"Roses and Climbers">
      man_append_data <"Vegetables in Small Spaces">
      man_append_data <"Composting Questions">
      man_append_data <"Houseplants">
    man_start_sibling <org_group, "">
      mat_orientation <hcf>
      man_start_object <trigger, "Read">
        mat_bool_default <yes>
        act_replace_select_action
            <
            uni_start_stream <00x>
            de_ez_send_list_index <"Rt">
            >
        man_start_sibling <trigger, "List All">
          act_replace_select_action
              <
              uni_start_stream <00x>
              sm_send_token_arg <"La">
              >
          man_start_sibling <trigger, "Create Topic">
            act_replace_select_action
                <
                uni_start_stream <00x>
                sm_send_k1 <32-101>
                >
            man_end_object
          man_end_object
          man_update_display
        uni_end_stream <00x>
`,
};
